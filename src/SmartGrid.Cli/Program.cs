using SmartGrid.Cli;

return await SmartGridCli.InvokeAsync(args).ConfigureAwait(false);
