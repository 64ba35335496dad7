namespace SmartGrid.Grains.Tests;

/// <summary>Waits on a condition (one-way messages land asynchronously), never on a fixed sleep.</summary>
public static class TestWait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a generous bound.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"never happened: {what}");
    }
}
