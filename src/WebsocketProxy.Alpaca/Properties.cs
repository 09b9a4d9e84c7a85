using System.Runtime.CompilerServices;

// Decoding unescapes and builds cache keys in stack buffers that are always written before being read;
// zeroing them on every message would cost more than the rest of a condition-list lookup.
[module: SkipLocalsInit]
