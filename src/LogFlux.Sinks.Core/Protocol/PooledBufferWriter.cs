using System.Buffers;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// A growable <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>.
/// Not thread safe. <see cref="Dispose"/> returns the array; <see cref="DetachBuffer"/> hands it over instead.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumGrowth = 256;
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, MinimumGrowth));
    }

    /// <summary>Bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>Size of the rented buffer.</summary>
    public int Capacity => _buffer.Length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Forgets the written bytes and keeps the array for reuse.</summary>
    public void Clear() => _written = 0;

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> more bytes.</summary>
    public void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        if (_buffer.Length - _written >= sizeHint) return;
        long needed = (long)_written + sizeHint;
        long doubled = Math.Max(_buffer.Length * 2L, MinimumGrowth);
        long size = Math.Min(Math.Max(needed, doubled), Array.MaxLength);
        if (size < needed) throw new OutOfMemoryException("Buffer would exceed the maximum array length.");
        var larger = ArrayPool<byte>.Shared.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Hands the rented array (and its written length) to the caller, who must return it to the pool.</summary>
    public byte[] DetachBuffer(out int length)
    {
        var buffer = _buffer;
        length = _written;
        _buffer = [];
        _written = 0;
        return buffer;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
