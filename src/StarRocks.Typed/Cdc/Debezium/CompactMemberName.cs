using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// A member's <c>"name":</c> as compact JSON spells it (no escapes), to check whether a member starts at a position: one
/// 16-byte comparison for names of up to 13 bytes (most column and envelope names), a span comparison for longer ones.
/// </summary>
internal sealed class CompactMemberName
{
    private readonly Vector128<byte> _head, _mask;

    public CompactMemberName(ReadOnlySpan<byte> member)
    {
        Bytes = member.ToArray();
        Span<byte> head = stackalloc byte[Vector128<byte>.Count];
        Span<byte> mask = stackalloc byte[Vector128<byte>.Count];
        if (member.Length <= head.Length)
        {
            member.CopyTo(head);
            mask[..member.Length].Fill(0xFF);
        }
        _head = Vector128.Create<byte>(head);
        _mask = Vector128.Create<byte>(mask);
    }

    /// <summary>The member's name in quotes and the colon.</summary>
    public byte[] Bytes { get; }

    /// <summary>The name of a column or member that needs no escaping, or null.</summary>
    public static CompactMemberName? For(ReadOnlySpan<byte> utf8Name)
        => utf8Name.IndexOfAny("\"\\"u8) < 0 && !utf8Name.ContainsAnyInRange((byte)0, (byte)31) ? new([(byte)'"', .. utf8Name, (byte)'"', (byte)':']) : null;

    /// <summary>Writes <see cref="Bytes"/> to <paramref name="destination"/>, which has room for 16 bytes (those past the name are left as garbage to overwrite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteTo(Span<byte> destination)
    {
        if (Bytes.Length <= Vector128<byte>.Count && destination.Length >= Vector128<byte>.Count && Vector128.IsHardwareAccelerated) _head.StoreUnsafe(ref MemoryMarshal.GetReference(destination));
        else Bytes.CopyTo(destination);
    }

    /// <summary>Whether the member at <paramref name="position"/> of <paramref name="json"/> has this name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAt(ReadOnlySpan<byte> json, int position)
    {
        if (Bytes.Length <= Vector128<byte>.Count && json.Length - position >= Vector128<byte>.Count && Vector128.IsHardwareAccelerated)
        {
            var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)position);
            return ((bytes ^ _head) & _mask) == Vector128<byte>.Zero;
        }
        return json[position..].StartsWith(Bytes);
    }
}
