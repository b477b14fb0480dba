namespace StarRocks.Typed.Cdc;

/// <summary>Where a source table's rows go in StarRocks: the same database and table names.</summary>
/// <param name="options">The routing options.</param>
internal sealed class CdcTableRouter(StarRocksCdcOptions options)
{
    /// <summary>The StarRocks database and table of <paramref name="source"/>, or null when it is not copied.</summary>
    public (string Database, string Table)? Route(CdcTableId source)
    {
        _ = options;
        return (source.Database, source.Table);
    }
}
