/// The container engine a cluster runs on, as written in cluster.conf `container_runtime`.
public enum ContainerRuntimeName: String, Sendable, CaseIterable {
  case docker
  case podman
}
