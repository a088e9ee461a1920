// Placeholder until the Bindings library lands.
