namespace StarRocks.Typed.StandIn.Loading;

/// <summary>One record of a load body split into fields (null = NULL), with its text for the error log.</summary>
/// <param name="Fields">The field values in source-field order, or null when the record could not be read.</param>
/// <param name="Raw">The record as received (for the error log).</param>
/// <param name="Error">Why the record could not be read, if it could not.</param>
/// <param name="JsonTokens">
/// For a JSON body: each field's JSON value as received (null when the key is missing or its value is <c>null</c>),
/// which a column that StarRocks reads from the JSON value itself (a JSON column keeps the value, a bare string
/// included) needs instead of <paramref name="Fields"/>' text. Null for CSV.
/// </param>
public sealed record SourceRow(string?[]? Fields, string Raw, string? Error = null, string?[]? JsonTokens = null);
