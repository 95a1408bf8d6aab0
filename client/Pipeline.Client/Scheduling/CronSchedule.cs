using Quartz;

namespace Pipeline.Client.Scheduling;

/// <summary>
/// A Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g.
/// <c>0 0 2 ? * SUN</c> = Sundays 02:00) in a time zone (IANA or Windows id; default UTC). Fire times are computed in
/// that zone, so <c>02:00</c> stays 02:00 local across daylight-saving changes.
/// </summary>
public sealed class CronSchedule
{
    private CronSchedule(string expression, TimeZoneInfo zone)
    {
        Expression = expression;
        TimeZone = zone;
        Cron = new CronExpression(expression, zone);
    }

    public string Expression { get; }
    public TimeZoneInfo TimeZone { get; }
    internal CronExpression Cron { get; }

    /// <summary>Validates both parts; throws <see cref="ArgumentException"/> with a message for people.</summary>
    public static CronSchedule Parse(string expression, string? timeZone)
    {
        TimeZoneInfo zone;
        try { zone = string.IsNullOrWhiteSpace(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone.Trim()); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        { throw new ArgumentException($"Unknown time zone '{timeZone}': use an IANA id such as Asia/Shanghai or UTC."); }
        try { CronExpression.Parse(expression); }
        catch (Exception e) when (e is FormatException or ArgumentException)
        { throw new ArgumentException($"Invalid cron expression '{expression}': {e.Message} (Quartz format: sec min hour day-of-month month day-of-week, e.g. \"0 0 2 ? * SUN\")."); }
        var schedule = new CronSchedule(expression, zone);
        if (schedule.Cron.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
            throw new ArgumentException($"The cron expression '{expression}' never fires again.");
        return schedule;
    }

    /// <summary>The next <paramref name="count"/> fire times strictly after <paramref name="after"/>, in UTC.</summary>
    public IReadOnlyList<DateTimeOffset> NextFires(DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var t = after;
        while (result.Count < count && Cron.GetNextValidTimeAfter(t) is { } next)
        {
            result.Add(next.ToUniversalTime());
            t = next;
        }
        return result;
    }
}
