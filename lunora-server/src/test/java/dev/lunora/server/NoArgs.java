package dev.lunora.server;

/** Arguments of a function that takes none. */
record NoArgs() {}
