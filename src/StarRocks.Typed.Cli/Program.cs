using System.CommandLine;
using StarRocks.Typed.Cli.Check;
using StarRocks.Typed.Cli.Ddl;
using StarRocks.Typed.Cli.Load;
using StarRocks.Typed.Cli.Sync;

var root = new RootCommand("starrocks-typed: StarRocks batch sync jobs and DDL for StarRocks.Typed models.")
{
    DdlCommand.Create(),
    SyncCommand.Create(),
    LoadCommand.Create(),
    CheckCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
