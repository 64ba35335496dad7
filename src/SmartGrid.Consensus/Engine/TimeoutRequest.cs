namespace SmartGrid.Consensus.Engine;

/// <summary>
/// A timer the host must run: after <paramref name="Delay"/>, hand this value back to
/// <see cref="ConsensusEngine.OnTimeout"/>. Stale timers are harmless: the engine ignores a
/// timeout whose height, round or step has passed.
/// </summary>
/// <param name="Height">Height the timer belongs to.</param>
/// <param name="Round">Round the timer belongs to.</param>
/// <param name="Kind">Which timer.</param>
/// <param name="Delay">How long after it was requested it fires.</param>
public readonly record struct TimeoutRequest(ulong Height, int Round, TimeoutKind Kind, TimeSpan Delay);
