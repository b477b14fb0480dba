using System.Text;

namespace StarRocks.Typed.Loading;

/// <summary>A load, transaction call or label check that StarRocks rejected, or that failed after all retries.</summary>
public sealed class StarRocksLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, without credentials.</param>
    /// <param name="label">The label of the load.</param>
    /// <param name="result">StarRocks's answer, when there was one.</param>
    /// <param name="isRetryable">Whether a retry with the same label may succeed.</param>
    /// <param name="innerException">The transport failure, when there was one.</param>
    public StarRocksLoadException(string message, string? label, StreamLoadResult? result = null, bool isRetryable = false, Exception? innerException = null)
        : base(message, innerException)
    {
        Label = label;
        Result = result;
        IsRetryable = isRetryable;
    }

    /// <summary>The label of the load.</summary>
    public string? Label { get; }

    /// <summary>StarRocks's answer, when there was one.</summary>
    public StreamLoadResult? Result { get; }

    /// <summary>StarRocks's <c>Status</c>, e.g. <c>Fail</c>.</summary>
    public string? Status => Result?.Status;

    /// <summary>StarRocks's <c>Message</c>.</summary>
    public string? StarRocksMessage => Result?.Message;

    /// <summary>The HTTP status of StarRocks's answer, when there was one.</summary>
    public int? HttpStatusCode => Result?.HttpStatusCode;

    /// <summary>Whether a retry with the same label may succeed.</summary>
    public bool IsRetryable { get; }

    /// <summary>The start of the rejected-rows log fetched from <c>ErrorURL</c> (truncated), when there was one.</summary>
    public string? RejectedRows { get; private init; }

    /// <summary>Returns a copy of this exception that carries the rejected rows in its message.</summary>
    /// <param name="rejectedRows">The (truncated) error log.</param>
    /// <returns>The new exception.</returns>
    public StarRocksLoadException WithRejectedRows(string? rejectedRows) =>
        string.IsNullOrEmpty(rejectedRows)
            ? this
            : new StarRocksLoadException($"{Message}{Environment.NewLine}Rejected rows:{Environment.NewLine}{rejectedRows}", Label, Result, IsRetryable, InnerException)
            {
                RejectedRows = rejectedRows,
            };

    /// <summary>Builds the message for a StarRocks answer: operation, target, label, status and message.</summary>
    /// <param name="operation">e.g. <c>Stream Load</c> or <c>transaction commit</c>.</param>
    /// <param name="database">The database.</param>
    /// <param name="table">The table, when the call has one.</param>
    /// <param name="label">The label.</param>
    /// <param name="result">StarRocks's answer.</param>
    /// <returns>The message.</returns>
    internal static string Describe(string operation, string database, string? table, string? label, StreamLoadResult? result)
    {
        var text = new StringBuilder()
            .Append(operation).Append(" into ").Append(database);
        if (table is not null)
        {
            text.Append('.').Append(table);
        }

        text.Append(" (label ").Append(label).Append(") failed");
        if (result is null)
        {
            return text.ToString();
        }

        text.Append(": HTTP ").Append(result.HttpStatusCode);
        if (result.HttpStatusCode == 401)
        {
            text.Append(" Access denied; you need (at least one of) the INSERT privilege(s)");
        }

        if (result.Status is not null)
        {
            text.Append(", Status ").Append(result.Status);
        }

        if (!string.IsNullOrEmpty(result.Message))
        {
            text.Append(": ").Append(result.Message);
        }

        if (result.ErrorUrl is not null)
        {
            text.Append(" (ErrorURL ").Append(result.ErrorUrl).Append(')');
        }

        return text.ToString();
    }
}
