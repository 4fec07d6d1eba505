// The IssuerServer target: the Hummingbird app (being written).
