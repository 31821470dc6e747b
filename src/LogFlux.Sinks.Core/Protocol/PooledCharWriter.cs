using System.Buffers;
using System.Globalization;
using System.Text;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// A reusable <see cref="TextWriter"/> over a pooled character buffer: deferred entries render their message
/// into it and the JSON writer reads the characters back without a string being created.
/// </summary>
internal sealed class PooledCharWriter : TextWriter
{
    private char[] _buffer;
    private int _length;

    public PooledCharWriter(int initialCapacity = 1024)
        : base(CultureInfo.InvariantCulture)
    {
        _buffer = ArrayPool<char>.Shared.Rent(Math.Max(16, initialCapacity));
    }

    public override Encoding Encoding => Encoding.Unicode;

    public ReadOnlySpan<char> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Empties the writer; a buffer grown past 256 K characters by one huge message goes back to the pool.</summary>
    public void Clear()
    {
        _length = 0;
        if (_buffer.Length <= MaxRetainedLength) return;
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = ArrayPool<char>.Shared.Rent(1024);
    }

    private const int MaxRetainedLength = 256 * 1024;

    public override void Write(char value)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = value;
    }

    public override void Write(string? value)
    {
        if (value is not null) Write(value.AsSpan());
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (_buffer.Length - _length < buffer.Length) Grow(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
        base.Dispose(disposing);
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0) ArrayPool<char>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
