// Placeholder until the Notebook library lands.
