// The module's entry point: nothing to start; the page calls the [JSExport] methods of ExplorerApi.
return 0;
