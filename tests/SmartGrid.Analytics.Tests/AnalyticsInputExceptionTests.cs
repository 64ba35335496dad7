namespace SmartGrid.Analytics.Tests;

public sealed class AnalyticsInputExceptionTests
{
    [Fact]
    public void Names_the_argument_that_was_wrong()
    {
        var error = new AnalyticsInputException("series must hold at least 2 values", "series");

        error.ParamName.Should().Be("series");
        error.Message.Should().Contain("at least 2 values");
    }
}
