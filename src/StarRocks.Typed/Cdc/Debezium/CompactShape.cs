using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// The member names of one kind of object (the envelope, <c>source</c>) as the last message spelled them, each with what
/// the reader does with it: while messages keep their shape, a member's name is one comparison instead of a search.
/// Learns a new shape as it meets it (allocating then only).
/// </summary>
internal sealed class CompactShape
{
    private (CompactMemberName Member, int Role)[] _members = [];

    /// <summary>Per member index, the whole last member read there (<c>"name":value</c>) when it had no role and fit 32 bytes.</summary>
    private RememberedMember[] _lastSkipped = [];

    /// <summary>A member's bytes as one 32-byte comparison: <see cref="Head"/> masked by <see cref="Mask"/>; <see cref="Length"/> 0 when none.</summary>
    private struct RememberedMember
    {
        public Vector256<byte> Head, Mask;
        public int Length;
    }

    /// <summary>
    /// Reads past member <paramref name="index"/> when it is byte for byte the member without a role read at that index
    /// last time and ends where it ended (a comma or the object's end follows): it is then that same valid JSON. Most
    /// members of Debezium's <c>source</c> repeat from event to event (version, connector, database, binlog file, …).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySkipRepeated(ReadOnlySpan<byte> json, ref int position, int index)
    {
        var skipped = _lastSkipped;
        if (!Vector256.IsHardwareAccelerated || (uint)index >= (uint)skipped.Length || json.Length - position < Vector256<byte>.Count) return false;
        ref readonly var member = ref skipped[index];
        int end = position + member.Length;
        if (member.Length == 0 || (uint)end >= (uint)json.Length || json[end] is not ((byte)',' or (byte)'}')) return false;
        var bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)position);
        if (((bytes ^ member.Head) & member.Mask) != Vector256<byte>.Zero) return false;
        position = end;
        return true;
    }

    /// <summary>
    /// Keeps the member that starts at <paramref name="start"/> and ends before <paramref name="end"/>, just read at
    /// <paramref name="index"/> and skipped, for <see cref="TrySkipRepeated"/> (one masked load: members vary from event
    /// to event, e.g. a binlog position).
    /// </summary>
    public void RememberSkipped(ReadOnlySpan<byte> json, int start, int end, int index)
    {
        if (!Vector256.IsHardwareAccelerated) return; // without 32-byte vectors (e.g. Arm64) members are read as before
        if (index >= _lastSkipped.Length) Array.Resize(ref _lastSkipped, Math.Max(index + 1, _members.Length));
        ref var remembered = ref _lastSkipped[index];
        int length = end - start;
        if (length > Vector256<byte>.Count || json.Length - start < Vector256<byte>.Count)
        {
            remembered.Length = 0;
            return;
        }
        var mask = PrefixMasks[length];
        remembered.Head = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)start) & mask;
        remembered.Mask = mask;
        remembered.Length = length;
    }

    /// <summary>Per length 0–32, the mask of that many leading bytes.</summary>
    private static readonly Vector256<byte>[] PrefixMasks = [.. Enumerable.Range(0, Vector256<byte>.Count + 1).Select(length =>
    {
        Span<byte> mask = stackalloc byte[Vector256<byte>.Count];
        mask.Clear();
        mask[..length].Fill(0xFF);
        return Vector256.Create<byte>(mask);
    })];

    /// <summary>Reads the name of member <paramref name="index"/> and the colon after it; <paramref name="role"/> is what <paramref name="roleOf"/> gives for that name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryName(ReadOnlySpan<byte> json, ref int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        var members = _members;
        if ((uint)index < (uint)members.Length && members[index].Member.IsAt(json, position))
        {
            role = members[index].Role;
            position += members[index].Member.Bytes.Length;
            return true;
        }
        return TryLearnName(json, ref position, index, roleOf, out role);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryLearnName(ReadOnlySpan<byte> json, ref int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        role = 0;
        int start = position;
        if (!CompactJson.TryName(json, ref position, out var name)) return false;
        role = roleOf(name);
        if (index >= _members.Length) Array.Resize(ref _members, index + 1);
        _members[index] = (new CompactMemberName(json[start..position]), role);
        return true;
    }

    /// <summary>Reads past an object whose members follow this shape, skipping their values; <paramref name="depth"/> is the nesting the object sits at.</summary>
    public bool TrySkipObject(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        if ((uint)position >= (uint)json.Length || json[position] != (byte)'{') return false;
        position++;
        if (position < json.Length && json[position] == (byte)'}')
        {
            position++;
            return true;
        }
        int index = 0;
        bool end;
        do
        {
            if (!TryName(json, ref position, index++, NoRole, out _) || !CompactJson.TrySkip(json, ref position, depth + 1) || !CompactJson.TryNext(json, ref position, (byte)'}', out end)) return false;
        }
        while (!end);
        return true;
    }

    private static readonly Func<ReadOnlySpan<byte>, int> NoRole = _ => 0;
}
