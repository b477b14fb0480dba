namespace StarRocks.Typed.Serialization;

/// <summary>Writes CSV rows in StarRocks's Stream Load format. (Stub: implemented by the serialization work.)</summary>
public ref struct CsvRowWriter;
