using System.Runtime.CompilerServices;

// Field elements are 192-byte stack values; zeroing every local before use would cost more than
// many of the operations themselves. Every local is written before it is read.
[module: SkipLocalsInit]
