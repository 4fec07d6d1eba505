// Tests of the IssuerServer target (being written).
