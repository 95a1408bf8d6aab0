using Pipeline.Client.Commands;
using Pipeline.Client.Scheduling;
using Xunit;

namespace Pipeline.Tests.Scheduling;

/// <summary>Cron expressions and time zones: next fire times, and clear refusals.</summary>
public class CronScheduleTests
{
    [Fact]
    public void Sundays_at_two_in_Shanghai_fire_on_Saturday_at_18_UTC()
    {
        var schedule = CronSchedule.Parse("0 0 2 ? * SUN", "Asia/Shanghai");
        var fires = schedule.NextFires(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), 3); // a Monday
        Assert.Equal([
            new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 12, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 19, 18, 0, 0, TimeSpan.Zero)], fires);
    }

    [Fact]
    public void Local_time_is_kept_across_daylight_saving_time()
    {
        var schedule = CronSchedule.Parse("0 30 3 * * ?", "America/New_York");
        var summer = schedule.NextFires(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), 1)[0];
        var winter = schedule.NextFires(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), 1)[0];
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 7, 30, 0, TimeSpan.Zero), summer); // EDT, UTC−4
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero), winter); // EST, UTC−5
        Assert.Equal(TimeSpan.Zero, CronSchedule.Parse("0 0 2 ? * SUN", null).TimeZone.BaseUtcOffset);
    }

    [Theory]
    [InlineData("0 0 25 * * ?", null, "cron")]     // hour 25
    [InlineData("not a cron", null, "cron")]
    [InlineData("0 0 2 ? * SUN", "Mars/Olympus", "time zone")]
    [InlineData("0 0 2 1 1 ? 2001", null, "never fires")]
    public void Bad_schedules_are_refused_with_a_message(string cron, string? zone, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => CronSchedule.Parse(cron, zone));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_schedule_command_exits_with_2_on_a_bad_cron()
    {
        Assert.Equal(ExitCodes.BadInput, await Pipeline.Client.Program.Main(["schedule", "--cron", "61 * * * * ?", "--input", "in", "--output", "out"]));
        Assert.Equal(ExitCodes.BadInput, await Pipeline.Client.Program.Main(["schedule", "--cron", "0 0 2 ? * SUN", "--time-zone", "Nowhere/City", "--input", "in", "--output", "out"]));
    }
}
