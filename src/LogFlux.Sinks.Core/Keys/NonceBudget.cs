namespace LogFlux.Sinks.Keys;

/// <summary>
/// Nonce accounting for one AES key (docs/protocol.md#key-rotation-and-nonce-budget). Random 96-bit nonces must not be used much more than
/// 2^32 times under one key; because a persisted key outlives processes, encryptions are reserved in blocks of
/// 2^24 (recorded in the key file) and the key is rotated once the total would pass 2^31.
/// </summary>
internal sealed class NonceBudget
{
    /// <summary>Encryptions reserved at a time.</summary>
    public const long BlockSize = 1L << 24;

    /// <summary>Total encryptions after which the key must be replaced.</summary>
    public const long RotationLimit = 1L << 31;

    private long _used;
    private long _reserved;
    private int _exhausted;

    /// <param name="used">Encryptions already counted (for a loaded key: everything reserved before).</param>
    /// <param name="reserved">Encryptions reserved so far (the value written to the key file).</param>
    public NonceBudget(long used, long reserved)
    {
        _used = used;
        _reserved = reserved;
    }

    /// <summary>Encryptions counted so far.</summary>
    public long Used => Interlocked.Read(ref _used);

    /// <summary>Encryptions reserved so far.</summary>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>True once the key has used or may not reserve more than <see cref="RotationLimit"/>.</summary>
    public bool IsExhausted => Volatile.Read(ref _exhausted) != 0;

    /// <summary>Counts encryptions. Returns true when the reserved block is used up (call <see cref="TryReserveMore"/>).</summary>
    public bool Add(int count)
    {
        if (count <= 0) return false;
        return Interlocked.Add(ref _used, count) > Interlocked.Read(ref _reserved);
    }

    /// <summary>
    /// Reserves whole blocks until the used count is covered. Returns false (and marks the budget exhausted)
    /// when that would pass <see cref="RotationLimit"/>; the key must then be rotated. <paramref name="extended"/>
    /// is true only for the one caller that actually moved the reservation (and should record it).
    /// </summary>
    public bool TryReserveMore(out bool extended)
    {
        lock (this)
        {
            extended = false;
            var used = Used;
            var reserved = Reserved;
            if (used <= reserved) return !IsExhausted;
            while (reserved < used) reserved += BlockSize;
            if (reserved > RotationLimit)
            {
                Volatile.Write(ref _exhausted, 1);
                return false;
            }
            Interlocked.Exchange(ref _reserved, reserved);
            extended = true;
            return true;
        }
    }
}
