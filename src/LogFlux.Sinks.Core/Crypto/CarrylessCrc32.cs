using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogFlux.Sinks.Crypto;

/// <summary>
/// The gzip CRC-32 folded with carry-less multiplication (the PCLMULQDQ method for reflected polynomials: four
/// 128-bit lanes folded 64 bytes at a time, then one lane 16 bytes at a time, then a Barrett reduction to 32 bits).
/// Works on the inverted CRC state, like the table loop it hands the tail to.
/// </summary>
internal static class CarrylessCrc32
{
    /// <summary>Shortest input folded; shorter ones are cheaper through the table.</summary>
    public const int MinimumLength = 64;

    // Folding constants for polynomial 0x104C11DB7, bit-reflected: x^(4*128+32) and x^(4*128-32) mod P (four lanes),
    // x^(128+32) and x^(128-32) mod P (one lane), x^64 mod P, then P' and mu for the Barrett step.
    private const ulong K1 = 0x0154442bd4, K2 = 0x01c6e41596;
    private const ulong K3 = 0x01751997d0, K4 = 0x00ccaa009e;
    private const ulong K5 = 0x0163cd6124;
    private const ulong PolynomialReflected = 0x01db710641, Mu = 0x01f7011641;

    public static bool IsSupported => Pclmulqdq.IsSupported && Sse41.IsSupported;

    /// <summary>Folds <paramref name="data"/> (a multiple of 16 bytes, at least 64) into the inverted state <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Fold(uint state, ReadOnlySpan<byte> data)
    {
        if (!IsSupported || data.Length < MinimumLength || (data.Length & 15) != 0)
            throw new ArgumentException("Folding needs a multiple of 16 bytes, at least 64, on a CPU with PCLMULQDQ.", nameof(data));

        ref byte start = ref MemoryMarshal.GetReference(data);
        nuint offset = 0;
        nuint length = (nuint)data.Length;

        var x1 = Load(ref start, 0) ^ Vector128.CreateScalar(state).AsUInt64();
        var x2 = Load(ref start, 16);
        var x3 = Load(ref start, 32);
        var x4 = Load(ref start, 48);
        offset = 64;

        var k = Vector128.Create(K1, K2);
        while (length - offset >= 64)
        {
            x1 = FoldLane(x1, k) ^ Load(ref start, offset);
            x2 = FoldLane(x2, k) ^ Load(ref start, offset + 16);
            x3 = FoldLane(x3, k) ^ Load(ref start, offset + 32);
            x4 = FoldLane(x4, k) ^ Load(ref start, offset + 48);
            offset += 64;
        }

        k = Vector128.Create(K3, K4);
        x1 = FoldLane(x1, k) ^ x2;
        x1 = FoldLane(x1, k) ^ x3;
        x1 = FoldLane(x1, k) ^ x4;
        while (length - offset >= 16)
        {
            x1 = FoldLane(x1, k) ^ Load(ref start, offset);
            offset += 16;
        }

        // 128 bits to 64: the low half times x^(128-32) folded onto the high half, then 64 to 32 bits with x^64.
        var lowWords = Vector128.Create(0xFFFFFFFFUL, 0xFFFFFFFFUL);
        var x = Sse2.ShiftRightLogical128BitLane(x1, 8) ^ Pclmulqdq.CarrylessMultiply(x1, k, 0x10);
        var high = Sse2.ShiftRightLogical128BitLane(x, 4);
        x = Pclmulqdq.CarrylessMultiply(x & lowWords, Vector128.CreateScalar(K5), 0x00) ^ high;

        // Barrett reduction to the 32-bit remainder.
        var p = Vector128.Create(PolynomialReflected, Mu);
        var t = Pclmulqdq.CarrylessMultiply(x & lowWords, p, 0x10) & lowWords;
        t = Pclmulqdq.CarrylessMultiply(t, p, 0x00);
        return Sse41.Extract((x ^ t).AsUInt32(), 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> FoldLane(Vector128<ulong> lane, Vector128<ulong> k) =>
        Pclmulqdq.CarrylessMultiply(lane, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(lane, k, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte start, nuint offset) => Vector128.LoadUnsafe(ref start, offset).AsUInt64();
}
