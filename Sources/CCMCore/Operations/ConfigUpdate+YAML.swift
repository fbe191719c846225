import Yams

extension ConfigUpdate {
  /// `updateconf -y 'YAML'` (apache ccm's `--yaml`): a YAML mapping of settings, applied after the
  /// `key:value` arguments (its keys win).
  public mutating func add(yaml text: String) throws(CCMError) {
    var merged = settings.node
    let extra = try YAMLFile.parseMapping(text, file: "--yaml")
    for (key, value) in extra { merged[key] = value.pyYAMLStyled }
    settings = YAMLMapping(merged)
  }
}
