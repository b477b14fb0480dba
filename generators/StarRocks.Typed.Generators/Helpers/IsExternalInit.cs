// Polyfill: lets netstandard2.0 use records and init-only setters.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit;
