using System.Text;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Tests.Loading;

public class StreamLoadResponseTests
{
    [Fact]
    public void Parses_a_BE_answer_with_every_field()
    {
        const string json = """
            {"TxnId": 1003, "Label": "typed-orders-1", "Status": "Fail", "Message": "too many filtered rows",
             "ExistingJobStatus": "FINISHED", "NumberTotalRows": 10, "NumberLoadedRows": 7, "NumberFilteredRows": 3,
             "NumberUnselectedRows": 0, "LoadBytes": 1234, "LoadTimeMs": 56, "BeginTxnTimeMs": 1,
             "ErrorURL": "http://be1:8040/api/_load_error_log?file=error_log_1"}
            """;
        Assert.True(StreamLoadResponseParser.TryParse(200, Encoding.UTF8.GetBytes(json), out var result));
        Assert.Equal(new StreamLoadResult
        {
            HttpStatusCode = 200, TxnId = 1003, Label = "typed-orders-1", Status = "Fail", Message = "too many filtered rows",
            ExistingJobStatus = "FINISHED", NumberTotalRows = 10, NumberLoadedRows = 7, NumberFilteredRows = 3,
            NumberUnselectedRows = 0, LoadBytes = 1234, LoadTimeMs = 56, ErrorUrl = "http://be1:8040/api/_load_error_log?file=error_log_1",
        }, result);
    }

    [Fact]
    public void Parses_the_FE_lowercase_form()
    {
        Assert.True(StreamLoadResponseParser.TryParse(200, """{"status":"FAILED","msg":"There is no 100-continue header"}"""u8, out var result));
        Assert.Equal("FAILED", result!.Status);
        Assert.Equal("There is no 100-continue header", result.Message);
    }

    [Fact]
    public void Parses_get_load_state_and_numbers_as_strings()
    {
        Assert.True(StreamLoadResponseParser.TryParse(200, """{"status":"OK","msg":"Success","state":"VISIBLE","txnId":"42"}"""u8, out var result));
        Assert.Equal("VISIBLE", result!.State);
        Assert.Equal(42, result.TxnId);
        Assert.Equal(LoadState.Visible, StreamLoadOutcomes.ParseLoadState(result.State));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Internal Server Error</html>")]
    [InlineData("[1,2]")]
    public void Rejects_bodies_that_are_not_a_json_object(string body)
    {
        Assert.False(StreamLoadResponseParser.TryParse(500, Encoding.UTF8.GetBytes(body), out var result));
        Assert.Null(result);
    }

    [Theory]
    [InlineData(200, "Success", null, false, StreamLoadOutcome.Success)]
    [InlineData(200, "success", null, false, StreamLoadOutcome.Success)]
    [InlineData(200, "Publish Timeout", null, false, StreamLoadOutcome.Success)]
    [InlineData(200, "OK", null, true, StreamLoadOutcome.Success)]
    [InlineData(200, "OK", null, false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "Label Already Exists", null, false, StreamLoadOutcome.LabelAlreadyExists)]
    [InlineData(200, "LABEL_ALREADY_EXISTS", null, true, StreamLoadOutcome.LabelAlreadyExists)]
    [InlineData(200, "Fail", "some transient error", false, StreamLoadOutcome.Retryable)]
    [InlineData(200, "INTERNAL_ERROR", "tablet writer failed", true, StreamLoadOutcome.Retryable)]
    [InlineData(200, "TXN_IN_PROCESSING", null, true, StreamLoadOutcome.Retryable)]
    [InlineData(200, "Fail", "too many filtered rows", false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "Fail", "primary key size exceed the limit", false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "Fail", "Only primary key table support partial update", false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "INTERNAL_ERROR", "Access denied for user", true, StreamLoadOutcome.Fatal)]
    [InlineData(200, "Fail", "current running txns on db 10 is 1000, larger than limit 1000", false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "FAILED", "No backend alive.", false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "failed", "No backend alive.", false, StreamLoadOutcome.Fatal)]
    [InlineData(200, "TXN_NOT_EXISTS", null, true, StreamLoadOutcome.Fatal)]
    [InlineData(200, "Commit Timeout", null, false, StreamLoadOutcome.Fatal)]
    [InlineData(401, null, null, false, StreamLoadOutcome.Fatal)]
    [InlineData(401, "Success", null, false, StreamLoadOutcome.Fatal)]
    [InlineData(500, null, null, false, StreamLoadOutcome.Retryable)]
    [InlineData(200, null, null, false, StreamLoadOutcome.Retryable)]
    [InlineData(404, null, null, false, StreamLoadOutcome.Fatal)]
    public void Classifies_like_the_stream_load_sdk(int http, string? status, string? message, bool transactionApi, StreamLoadOutcome expected)
    {
        var result = status is null ? null : new StreamLoadResult { HttpStatusCode = http, Status = status, Message = message };
        Assert.Equal(expected, StreamLoadOutcomes.Classify(http, result, transactionApi));
    }

    [Fact]
    public void Failure_exception_carries_status_message_label_and_rejected_rows()
    {
        var result = new StreamLoadResult { HttpStatusCode = 200, Status = "Fail", Message = "too many filtered rows", ErrorUrl = "http://be:8040/x" };
        var failure = new StarRocksLoadException(StarRocksLoadException.Describe("stream_load", "db", "t", "l-1", result), "l-1", result)
            .WithRejectedRows("Error: Value count does not match column count. Row: a,b");
        Assert.Equal("Fail", failure.Status);
        Assert.Equal("too many filtered rows", failure.StarRocksMessage);
        Assert.Equal("l-1", failure.Label);
        Assert.False(failure.IsRetryable);
        Assert.Contains("Row: a,b", failure.RejectedRows);
        Assert.Contains("db.t", failure.Message);
        Assert.Contains("too many filtered rows", failure.Message);
        Assert.Contains("Row: a,b", failure.Message);
    }
}
