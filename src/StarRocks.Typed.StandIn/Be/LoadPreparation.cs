using Microsoft.AspNetCore.Http;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>What the BE checks before reading a load body: the options from the headers, the table and the plan.</summary>
internal static class LoadPreparation
{
    /// <summary>Returns the options and plan, or an error message (the load then fails without reading the body).</summary>
    public static async Task<(LoadOptions Options, LoadPlan? Plan, string? Error)> PrepareAsync(
        SchemaCatalog catalog, string database, string table, IHeaderDictionary headers, bool storageOff, CancellationToken cancellationToken)
    {
        var options = LoadOptions.Parse(headers, out var error);
        if (error is not null)
            return (options, null, error);
        if (storageOff)
            return (options, null, null);
        var schema = await catalog.GetAsync(database, table, cancellationToken);
        if (schema is null)
            return (options, null, $"Unknown table '{database}.{table}'");
        var plan = LoadPlan.Create(schema, options, out error);
        return (options, plan, error);
    }
}
