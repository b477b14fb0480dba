namespace StarRocks.Typed.Generators;

/// <summary>Names of the tracked pipeline steps (asserted by the incremental caching tests).</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Tables = nameof(Tables);
    public const string Diagnostics = nameof(Diagnostics);
    public const string RegistryEntries = nameof(RegistryEntries);
    public const string DuplicateTables = nameof(DuplicateTables);
    public const string HintNames = nameof(HintNames);
}
