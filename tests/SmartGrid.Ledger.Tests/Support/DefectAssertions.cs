using SmartGrid.Ledger.Chain;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>Asserts a single defect: its height, its kind and (with * wildcards) its message.</summary>
internal static class DefectAssertions
{
    public static void ShouldBe(this ChainDefect? defect, long height, DefectKind kind, string message = "*")
    {
        defect.Should().NotBeNull($"a {kind} defect was expected at height {height}");
        defect!.Kind.Should().Be(kind, defect.Message);
        defect.Height.Should().Be(height);
        defect.Message.Should().Match(message);
    }
}
