import Yams

extension ConfigUpdate {
  /// `updateconf -y 'YAML'` (apache ccm's `--yaml`): a YAML mapping of settings, applied after the
  /// `key:value` arguments (its keys win).
  public mutating func add(yaml text: String) throws(CCMError) {
    var settings = try YAMLFile.parseMapping(settingsYAML, file: "<settings>")
    let extra = try YAMLFile.parseMapping(text, file: "--yaml")
    for (key, value) in extra { settings[key] = value.pyYAMLStyled }
    settingsYAML = try YAMLFile.render(settings)
  }
}
