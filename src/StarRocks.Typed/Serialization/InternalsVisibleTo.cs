using System.Runtime.CompilerServices;

// The serialization tests check the shared value formatter directly (e.g. the double fast path against ToString("R")).
[assembly: InternalsVisibleTo("StarRocks.Typed.Tests")]
[assembly: InternalsVisibleTo("StarRocks.Typed.Benchmarks")]
