using System.Buffers;

namespace StarRocks.Typed.Serialization;

/// <summary>A per-thread buffer for nested values that CSV writes as text (JSON columns, ARRAY, MAP).</summary>
internal static class ScratchBuffer
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? s_buffer;

    /// <summary>The calling thread's buffer, emptied.</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = s_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
