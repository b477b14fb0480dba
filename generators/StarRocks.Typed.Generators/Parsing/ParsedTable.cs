using System.Collections.Generic;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>A column during parsing: the spec plus where to report problems about it. Never leaves the parser.</summary>
internal sealed record ParsedColumn(ColumnSpec Spec, LocationInfo? MemberLocation, LocationInfo? KeyLocation, LocationInfo? ColumnAttributeLocation);

/// <summary>A column list from a layout attribute (distribution, partition, order-by), with its location.</summary>
internal sealed record LayoutColumns(string Clause, IReadOnlyList<string> Columns, LocationInfo? Location);

/// <summary>A table during parsing, before validation: the spec plus locations. Never leaves the parser.</summary>
/// <param name="PartitionValueLocations">
/// Where each explicit partition was declared, in order: the list partitions of <c>Spec.Partition.Lists</c> or the range
/// partitions of <c>Spec.Partition.Ranges</c>.
/// </param>
/// <param name="PropertyLocations">Where each property of <c>Spec.Properties</c> was declared (same order).</param>
internal sealed record ParsedTable(
    TableSpec Spec,
    IReadOnlyList<ParsedColumn> Columns,
    LocationInfo? TableAttributeLocation,
    LayoutColumns? Distribution,
    LayoutColumns? Partition,
    LayoutColumns? OrderBy,
    IReadOnlyList<LocationInfo?> PartitionValueLocations,
    IReadOnlyList<LocationInfo?> PropertyLocations);
