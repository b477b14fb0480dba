namespace StarRocks.Typed.Serialization;

/// <summary>Writes JSON rows in StarRocks's Stream Load format. (Stub: implemented by the serialization work.)</summary>
public ref struct JsonRowWriter;
