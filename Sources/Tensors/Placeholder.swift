// Placeholder until the Tensors library lands.
