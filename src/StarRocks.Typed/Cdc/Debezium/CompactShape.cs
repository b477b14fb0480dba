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
    /// Where member <paramref name="index"/> ends (-1 when it does not repeat) when it is byte for byte the member without
    /// a role read at that index last time and ends where it ended (a comma or the object's end follows): it is then that
    /// same valid JSON. Most members of Debezium's <c>source</c> repeat from event to event (version, connector, database,
    /// binlog file, …).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AfterRepeated(ReadOnlySpan<byte> json, int position, int index)
    {
        var skipped = _lastSkipped;
        if (!Vector256.IsHardwareAccelerated || (uint)index >= (uint)skipped.Length || json.Length - position < Vector256<byte>.Count) return -1;
        ref readonly var member = ref skipped[index];
        int end = position + member.Length;
        if (member.Length == 0 || (uint)end >= (uint)json.Length || json[end] is not ((byte)',' or (byte)'}')) return -1;
        var bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)position);
        return ((bytes ^ member.Head) & member.Mask) != Vector256<byte>.Zero ? -1 : end;
    }

    /// <summary>
    /// Keeps the member that starts at <paramref name="start"/> and ends before <paramref name="end"/>, just read at
    /// <paramref name="index"/> and skipped, for <see cref="AfterRepeated"/> (one masked load: members vary from event
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

    /// <summary>Where the name of member <paramref name="index"/> and the colon after it end (-1 when they are not JSON this reads); <paramref name="role"/> is what <paramref name="roleOf"/> gives for that name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AfterName(ReadOnlySpan<byte> json, int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        var members = _members;
        if ((uint)index < (uint)members.Length && members[index].Member.IsAt(json, position))
        {
            role = members[index].Role;
            return position + members[index].Member.Bytes.Length;
        }
        return AfterLearnedName(json, position, index, roleOf, out role);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AfterLearnedName(ReadOnlySpan<byte> json, int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        role = 0;
        int end = CompactJson.AfterName(json, position);
        if (end < 0) return -1;
        role = roleOf(json[(position + 1)..(end - 2)]);
        if (index >= _members.Length) Array.Resize(ref _members, index + 1);
        _members[index] = (new CompactMemberName(json[position..end]), role);
        return end;
    }

    /// <summary>Where the object at <paramref name="position"/>, whose members follow this shape, ends (-1 when it is not JSON this reads); <paramref name="depth"/> is the nesting the object sits at.</summary>
    public int AfterObject(ReadOnlySpan<byte> json, int position, int depth)
    {
        if ((uint)position >= (uint)json.Length || json[position] != (byte)'{') return -1;
        position++;
        if (position < json.Length && json[position] == (byte)'}') return position + 1;
        for (int index = 0; ; index++)
        {
            if ((position = AfterName(json, position, index, NoRole, out _)) < 0 || (position = CompactJson.AfterValue(json, position, depth + 1)) < 0) return -1;
            switch (CompactJson.SeparatorAt(json, position++, (byte)'}'))
            {
                case Separator.Comma: continue;
                case Separator.Close: return position;
                default: return -1;
            }
        }
    }

    private static readonly Func<ReadOnlySpan<byte>, int> NoRole = _ => 0;
}
