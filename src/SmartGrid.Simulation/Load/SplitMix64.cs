using System.Runtime.CompilerServices;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit generator whose n-th output is a pure
/// function of its seed and n, so it can be used sequentially (<see cref="NextUInt64"/>) or
/// counter-based (<see cref="At"/>) with identical results: <c>At(seed, n)</c> is the n-th value a
/// generator seeded with <c>seed</c> returns (n = 1 for the first). Integer arithmetic only:
/// the same on every machine. Not for cryptography.
/// </summary>
public struct SplitMix64
{
    /// <summary>The Weyl increment (2^64 divided by the golden ratio, odd).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    /// <summary>Creates a generator; any seed, zero included, is fine.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => UnitInterval(NextUInt64());

    /// <summary>The <paramref name="counter"/>-th output of a generator seeded with <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong seed, long counter) => Mix(unchecked(seed + ((ulong)counter * Gamma)));

    /// <summary>The SplitMix64 output function: a bijective 64-bit mixer (a good hash of a counter or key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Maps 64 random bits to a uniform double in [0, 1) (the top 53 bits).</summary>
    public static double UnitInterval(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
