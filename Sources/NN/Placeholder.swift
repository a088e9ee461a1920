// Placeholder until the NN library lands.
