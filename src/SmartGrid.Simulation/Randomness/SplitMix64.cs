namespace SmartGrid.Simulation.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, seedable generator whose whole state is
/// one 64-bit word, so a million simulated devices can each own one. Not cryptographic.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Creates a generator from a seed.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (Box-Muller, one of the pair).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Mixes values into a well-spread seed (for per-device streams from one fleet seed).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var mixer = new SplitMix64(a ^ (b * 0xD1B54A32D192ED03UL));
        mixer.Next();
        return mixer.Next();
    }
}
