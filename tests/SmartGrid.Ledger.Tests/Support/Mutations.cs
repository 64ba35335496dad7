using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>Systematic damage to canonical bytes, for showing that decoders and signatures catch all of it.</summary>
internal static class Mutations
{
    /// <summary>Every proper prefix of <paramref name="valid"/>, from empty to one byte short.</summary>
    public static IEnumerable<byte[]> Truncations(byte[] valid) => Enumerable.Range(0, valid.Length).Select(length => valid[..length]);

    /// <summary>
    /// XORs each byte of <paramref name="valid"/> in turn with <paramref name="mask"/> and decodes
    /// the result with <paramref name="passesAsGenuine"/>. A <see cref="LedgerFormatException"/> is
    /// a detection; returns the changes that were not detected, or that threw anything else.
    /// </summary>
    public static List<string> UndetectedSingleByteChanges(byte[] valid, byte mask, Func<byte[], bool> passesAsGenuine)
    {
        var undetected = new List<string>();
        for (var i = 0; i < valid.Length; i++)
        {
            var bytes = (byte[])valid.Clone();
            bytes[i] ^= mask;
            try
            {
                if (passesAsGenuine(bytes))
                {
                    undetected.Add($"byte {i}: decodes and passes");
                }
            }
            catch (LedgerFormatException)
            {
                // Rejected as bytes: detected.
            }
            catch (Exception ex)
            {
                undetected.Add($"byte {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return undetected;
    }
}
