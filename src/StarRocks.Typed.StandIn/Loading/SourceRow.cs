namespace StarRocks.Typed.StandIn.Loading;

/// <summary>One record of a load body split into fields (null = NULL), with its text for the error log.</summary>
/// <param name="Fields">The field values in source-field order, or null when the record could not be read.</param>
/// <param name="Raw">The record as received (for the error log).</param>
/// <param name="Error">Why the record could not be read, if it could not.</param>
public sealed record SourceRow(string?[]? Fields, string Raw, string? Error = null);
