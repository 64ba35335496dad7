using System.Collections.Immutable;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// The utility's theft screening, as a service of the cluster (grain key = utility id). It holds
/// the utility's fitted detector (installed through the SDK, kept in grain state) and, on request,
/// scores the household-days of the member meters of a cohort of concentrators from stored data
/// only: the meters' chains and the feeder readings the concentrators' own chains recorded. Its
/// alarms go to each meter's concentrator, which signs them into its next block as
/// <c>TheftSuspected</c> events; an alarm already on the chain (or already waiting there) is not
/// handed over again, so screening a day twice signs nothing new.
/// </summary>
[Alias("smartgrid.analytics.ITheftScreeningGrain")]
public interface ITheftScreeningGrain : IGrainWithStringKey
{
    /// <summary>
    /// Installs a fitted detector in the <c>TheftModelFormat</c> bytes (replacing any before), once
    /// they load; bytes that do not are refused with the reason and change nothing.
    /// </summary>
    [Alias("install-model")]
    Task<TheftModelInfo> InstallModelAsync(ImmutableArray<byte> model);

    /// <summary>The installed detector (<see cref="TheftModelInfo.Installed"/> false when there is none).</summary>
    [Alias("model")]
    Task<TheftModelInfo> GetModelAsync();

    /// <summary>
    /// Screens the request's window with the installed detector. A large cohort takes longer than the
    /// default response timeout (reading every meter's window and scoring it), hence its own.
    /// </summary>
    [Alias("screen")]
    [ResponseTimeout("00:10:00")]
    Task<TheftScreeningReport> ScreenAsync(TheftScreeningRequest request);
}
