public enum RosterYAMLPlaceholder {}
