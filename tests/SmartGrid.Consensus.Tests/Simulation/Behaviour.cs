namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>How a simulated validator behaves.</summary>
internal enum Behaviour
{
    /// <summary>Follows the protocol.</summary>
    Honest,

    /// <summary>Sends nothing at all.</summary>
    Silent,

    /// <summary>Signs two different proposals and votes per round and splits them among the others (or sends both).</summary>
    Equivocator,

    /// <summary>Proposes blocks the application rejects.</summary>
    InvalidProposer,

    /// <summary>Proposes with a false efficiency claim (its own score raised) and sometimes out of turn.</summary>
    EfficiencyLiar,

    /// <summary>Follows the protocol but also resends old messages it received, from earlier rounds and heights.</summary>
    Replayer,

    /// <summary>Scripted fork attack with the other colluders (more than f of them break safety on purpose).</summary>
    Colluder,
}
