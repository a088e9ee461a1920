// Placeholder until the Datasets library lands.
