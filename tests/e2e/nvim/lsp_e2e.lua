-- Neovim 0.7 headless end-to-end test of `gomodlens serve` (no plugins, only the built-in LSP client).
-- Env: GML_SERVER (server command line, space separated), GML_PROXY (GOPROXY for the server), GML_PROXY_LOG (the
-- proxy's request log), GML_HOME (scratch HOME), GML_COUNTS (file to write "<passed> <failed>"), GML_TIMEOUT_MS.
-- The go.mod given on the command line is checked first, through M.start; then, as a user's init.lua does it,
-- M.setup attaches the go.sum, go.work and workspace go.mod buffers opened from the fixture's subdirectories.
-- Each check prints "ok <name>" or "not ok <name>: why"; the process exits 0 only if all pass.
local timeout = tonumber(os.getenv("GML_TIMEOUT_MS") or "30000")
local results = {}
local function say(s) io.stdout:write(s .. "\n") end
local function check(name, ok, why)
  table.insert(results, ok)
  say((ok and "ok " or "not ok ") .. name .. ((not ok and why) and (": " .. why) or ""))
  return ok
end
local function finish()
  local p, f = 0, 0
  for _, r in ipairs(results) do if r then p = p + 1 else f = f + 1 end end
  local out = io.open(os.getenv("GML_COUNTS"), "w"); out:write(p .. " " .. f .. "\n"); out:close()
  vim.cmd(f == 0 and "qall!" or "cquit 1")
end

local function line_text(bufnr, lnum) return vim.api.nvim_buf_get_lines(bufnr, lnum - 1, lnum, false)[1] or "" end
local function buffer_text(bufnr) return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n" end
local function diags_on(bufnr, lnum)
  local r = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.lnum == lnum - 1 then table.insert(r, d) end end
  return r
end
local function code_of(d) return d.user_data and d.user_data.lsp and d.user_data.lsp.code end
local function with_code(diags, code)
  local r = {}
  for _, d in ipairs(diags) do if code_of(d) == code then table.insert(r, d) end end
  return r
end
local function say_diags(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    say(string.format("  diag %d:%d sev=%d %s %s", d.lnum + 1, d.col, d.severity, tostring(code_of(d)),
      (d.message:gsub("\n", " | "))))
  end
end

local function code_actions(bufnr, client, lnum)
  local diags = {}
  for _, d in ipairs(diags_on(bufnr, lnum)) do
    -- Neovim 0.7 keeps only code/data/tags/relatedInformation of the LSP diagnostic in user_data; rebuild the rest.
    local lsp = vim.deepcopy((d.user_data and d.user_data.lsp) or {})
    lsp.range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
    lsp.message = d.message
    lsp.severity = d.severity
    table.insert(diags, lsp)
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = lnum - 1, character = 1 }, ["end"] = { line = lnum - 1, character = 1 } },
    context = { diagnostics = diags },
  }
  local res = client.request_sync("textDocument/codeAction", params, timeout, bufnr)
  return (res and res.result) or {}, res and res.err
end

local function apply(client, bufnr, action)
  if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding) end
  local cmd = action.command
  if type(cmd) == "table" then
    client.request_sync("workspace/executeCommand", { command = cmd.command, arguments = cmd.arguments }, timeout, bufnr)
  end
end

local function find_action(actions, pattern)
  for _, a in ipairs(actions) do if a.title and a.title:find(pattern) then return a end end
  return nil
end

-- :edit a fixture file from the main loop; returns its buffer
local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

-- the initialized gomodlens client attached to the buffer (nil after the timeout)
local function attached(bufnr)
  local client
  vim.wait(timeout, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do if c.name == "gomodlens" then client = c end end
    return client ~= nil
  end, 20)
  return client
end

local function proxy_requests()
  local r = {}
  local f = io.open(os.getenv("GML_PROXY_LOG") or "", "r")
  if f then
    for l in f:lines() do table.insert(r, l) end
    f:close()
  end
  return r
end

local function hover_text(client, bufnr, lnum, col)
  local res = client.request_sync("textDocument/hover", {
    textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = lnum - 1, character = col },
  }, timeout, bufnr)
  if not (res and res.result and res.result.contents) then return "" end
  return table.concat(vim.lsp.util.convert_input_to_markdown_lines(res.result.contents), "\n")
end

-- go.sum, go.work and workspace mode, in the fixture's subdirectories sum/, broken/, work/ and vendored/ (each away from the
-- top go.mod, which must stay in module mode). Buffers attach through M.setup, one client per module or go.work.
local function workspace_checks(gomodlens, opts, ws)
  gomodlens.setup(opts)

  -- go.sum: Neovim 0.7 has no gosum filetype (it says hercules); setup takes the buffer by its name.
  -- Line 3 has two fields: GML1501.
  local sum = open(ws .. "/sum/go.sum")
  say("  go.sum filetype: " .. vim.bo[sum].filetype)
  local client = attached(sum)
  if check("a go.sum buffer gets the server", client ~= nil, "filetype " .. vim.bo[sum].filetype) then
    vim.wait(timeout, function() return #with_code(diags_on(sum, 3), "GML1501") > 0 end, 50)
    say_diags(sum)
    check("go.sum: a line with two fields is GML1501", #with_code(diags_on(sum, 3), "GML1501") == 1)
  end

  -- a go.work whose use list names a directory without go.mod: go's refusal on that line (5) and no other
  local work = open(ws .. "/broken/go.work")
  check("a go.work buffer has filetype gowork", vim.bo[work].filetype == "gowork", vim.bo[work].filetype)
  client = attached(work)
  if check("a go.work buffer gets the server", client ~= nil) then
    vim.wait(timeout, function() return #diags_on(work, 5) > 0 end, 50)
    say_diags(work)
    local refusals = with_code(vim.diagnostic.get(work), "GML2012")
    local missing = refusals[1]
    check("go.work: the use of a directory without go.mod is GML2012 on its line", #refusals == 1 and missing.lnum == 4
      and missing.severity == vim.diagnostic.severity.ERROR
      and missing.message:find("cannot load module missing listed in go.work file", 1, true) ~= nil,
      missing and string.format("%d refusals, first on line %d: %s", #refusals, missing.lnum + 1, missing.message) or "none")
    local text = hover_text(client, work, 4, 3)
    say("  hover use ./mod: " .. text:gsub("\n", " | "))
    check("go.work: hover on a use line names the module", text:find("Workspace module `example.com/mod` · go 1.22", 1, true) ~= nil)
  end

  -- go.work.sum: go.sum's format (Neovim 0.7 calls it hercules too); the go.work's client takes it, the server
  -- checks it as a go.sum. Line 1's hash is no base64: GML1503.
  local worksum = open(ws .. "/broken/go.work.sum")
  client = attached(worksum)
  if check("a go.work.sum buffer gets the go.work's server", client ~= nil and client.config.root_dir == ws .. "/broken", "filetype " .. vim.bo[worksum].filetype) then
    vim.wait(timeout, function() return #with_code(diags_on(worksum, 1), "GML1503") > 0 end, 50)
    say_diags(worksum)
    check("go.work.sum: a malformed h1 hash is GML1503", #with_code(diags_on(worksum, 1), "GML1503") == 1)
  end

  -- a workspace module requiring example.com/ghost v0.3.0 (the proxy has no v0.3.0), which work/go.work replaces
  -- with ./ghost: no error, and no proxy request for ghost from this server (the proxy did hear of fastjson)
  local before = #proxy_requests()
  local app = open(ws .. "/work/app/go.mod")
  client = attached(app)
  if check("a workspace module's go.mod gets the server", client ~= nil) then
    -- the upgrade hint on fastjson (line 6) comes with the resolution of every require
    local resolved = vim.wait(timeout, function() return #with_code(diags_on(app, 6), "GML2009") > 0 end, 50)
    say_diags(app)
    local errors = {}
    for _, d in ipairs(vim.diagnostic.get(app)) do
      if d.severity == vim.diagnostic.severity.ERROR then table.insert(errors, (code_of(d) or "?") .. " " .. d.message) end
    end
    check("workspace mode: the require go.work replaces with ./ghost has no GML3001 (nor any error)",
      resolved and #errors == 0, resolved and table.concat(errors, "; ") or "fastjson never resolved")
    local heard, ghost = {}, {}
    for i, path in ipairs(proxy_requests()) do
      if i > before then
        table.insert(heard, path)
        if path:find("example.com/ghost", 1, true) then table.insert(ghost, path) end
      end
    end
    check("workspace mode: the proxy hears nothing of example.com/ghost", resolved and #ghost == 0,
      #ghost > 0 and table.concat(ghost, " ") or ("requests: " .. table.concat(heard, " ")))
    -- go to definition on that require jumps to the go.mod of the directory the go.work replaces it with
    vim.api.nvim_win_set_cursor(0, { 7, 3 })
    vim.lsp.buf.definition()
    local jumped = vim.wait(timeout, function() return vim.api.nvim_buf_get_name(0):find("/work/ghost/go.mod", 1, true) ~= nil end, 20)
    check("go to definition on a replaced require opens the replacement's go.mod", jumped, vim.api.nvim_buf_get_name(0))
    vim.cmd("buffer " .. app)
    -- find references on that require: this go.mod's line and the go.work's replace of it
    local rres = client.request_sync("textDocument/references", {
      textDocument = vim.lsp.util.make_text_document_params(app), position = { line = 6, character = 3 },
      context = { includeDeclaration = true },
    }, timeout, app)
    local where = {}
    for _, l in ipairs((rres and rres.result) or {}) do table.insert(where, vim.fn.fnamemodify(vim.uri_to_fname(l.uri), ":t") .. ":" .. l.range.start.line) end
    table.sort(where)
    check("find references on a require: its go.mod line and the go.work's replace", table.concat(where, " ") == "go.mod:6 go.work:7", table.concat(where, " "))
  end

  -- a go.mod under work/ but outside its use list: GML2011 on line 1, and the quick fix edits work/go.work (not the
  -- go.mod) as `go work use .` writes it
  local outside = open(ws .. "/work/outside/go.mod")
  client = attached(outside)
  if check("a go.mod outside the use list gets the server", client ~= nil) then
    vim.wait(timeout, function() return #with_code(diags_on(outside, 1), "GML2011") > 0 end, 50)
    say_diags(outside)
    local warning = with_code(diags_on(outside, 1), "GML2011")[1]
    check("outside the use list: GML2011 warning on line 1", warning ~= nil and warning.severity == vim.diagnostic.severity.WARN
      and warning.message:find("not in the workspace of ../go.work", 1, true) ~= nil, warning and warning.message or "none")
    local actions, err = code_actions(outside, client, 1)
    for _, a in ipairs(actions) do say("  action line 1: " .. (a.title or "?")) end
    local use = find_action(actions, "go work use %.")
    if check("a 'go work use .' quick fix is offered", use ~= nil, err and vim.inspect(err) or nil) then
      apply(client, outside, use)
      local goWork = vim.fn.bufnr(ws .. "/work/go.work")
      local got = goWork > 0 and buffer_text(goWork) or "(go.work not edited)"
      check("the quick fix makes go.work what go work use . writes", got ==
        "go 1.22\n\nuse (\n\t./app\n\t./lib\n\t./outside\n)\n\nreplace example.com/ghost v0.3.0 => ./ghost\n", got)
      check("the quick fix leaves the go.mod alone", not vim.bo[outside].modified
        and buffer_text(outside) == "module example.com/outside\n\ngo 1.22\n", buffer_text(outside))
    end
  end

  -- a vendored module (go 1.22 and vendor/: go builds from it): ghost's 404 (line 7) is only a warning, since builds
  -- do not look it up; bumping fastjson (line 6) without go mod vendor is go's inconsistent vendoring, an error
  local vendored = open(ws .. "/vendored/go.mod")
  client = attached(vendored)
  if check("a vendored module's go.mod gets the server", client ~= nil) then
    vim.wait(timeout, function() return #with_code(diags_on(vendored, 7), "GML3001") > 0 end, 50)
    say_diags(vendored)
    local missing = with_code(diags_on(vendored, 7), "GML3001")[1]
    check("vendor mode: a vendored require the proxy lacks is a warning", missing ~= nil
      and missing.severity == vim.diagnostic.severity.WARN and missing.message:find("go builds use vendor/", 1, true) ~= nil,
      missing and missing.message or "none")
    vim.api.nvim_buf_set_lines(vendored, 5, 6, false, { "\texample.com/fastjson v1.2.0" })
    vim.wait(timeout, function() return #with_code(diags_on(vendored, 6), "GML2013") > 0 end, 50)
    say_diags(vendored)
    local stale = with_code(diags_on(vendored, 6), "GML2013")[1]
    check("vendor mode: a require bumped without go mod vendor is GML2013 with go's message", stale ~= nil
      and stale.severity == vim.diagnostic.severity.ERROR
      and stale.message:find("example.com/fastjson@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt", 1, true) ~= nil,
      stale and stale.message or "none")
  end

  local ids = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do table.insert(ids, c.id) end
  vim.lsp.stop_client(ids)
  check("the workspace servers stop on shutdown/exit", vim.wait(5000, function()
    for _, id in ipairs(ids) do if not vim.lsp.client_is_stopped(id) then return false end end
    return true
  end, 20))
end

local started = false
local function run(bufnr)
  if started then return end
  started = true
  -- start the server exactly as the README's Neovim snippet does
  local gomodlens = dofile(os.getenv("GML_REPO") .. "/editors/neovim/gomodlens.lua")
  local home = os.getenv("GML_HOME")
  local opts = {
    cmd = vim.split(os.getenv("GML_SERVER"), " ", { trimempty = true }),
    cmd_env = {
      -- no GOFLAGS=-mod=mod: go refuses it in workspace mode (the go.work checks), and module mode does not need it
      GOPROXY = os.getenv("GML_PROXY"), GOSUMDB = "off", GOFLAGS = "", GOTOOLCHAIN = "local",
      HOME = home, XDG_CONFIG_HOME = home .. "/config", XDG_CACHE_HOME = home .. "/cache",
      GOPATH = home .. "/gopath", GOMODCACHE = home .. "/gopath/pkg/mod", GOPRIVATE = "", GONOPROXY = "",
    },
    init_options = { timeouts = { totalMs = 4000, connectMs = 1000, firstByteMs = 2000 }, mirrors = { public = false } },
  }
  local client_id = gomodlens.start(bufnr, opts)
  if not check("server starts", client_id ~= nil) then return finish() end
  local client
  local ok = vim.wait(timeout, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil
  end, 20)
  if not check("initialize", ok) then return finish() end

  -- go.mod lines: 6 fastjson v1.0.0 (upgrade available), 7 ghost v0.3.0 (404), 8 slowpoke (proxy hangs)
  -- (the fixture has no go.sum: each require also has go's missing-go.sum error, GML1507, on its module path)
  local function resolution_diag(line)
    for _, d in ipairs(diags_on(bufnr, line)) do
      if code_of(d) ~= "GML1507" then return d end
    end
  end
  ok = vim.wait(timeout, function() return resolution_diag(7) ~= nil and resolution_diag(8) ~= nil end, 50)
  say_diags(bufnr)
  local ghost = resolution_diag(7)
  check("diagnostic on the 404 require", ghost ~= nil and ghost.severity == vim.diagnostic.severity.ERROR
    and ghost.message:find("404", 1, true) ~= nil, ghost and ghost.message or "none")
  local slow = resolution_diag(8)
  check("diagnostic on the hanging require says timeout", slow ~= nil and slow.message:lower():find("time") ~= nil,
    slow and slow.message or "none")

  -- hover on the fastjson require: latest version and a latency table
  -- (the latency table is measured in the background the first time; a user hovering again later sees it)
  vim.api.nvim_win_set_cursor(0, { 6, 3 })
  local text = ""
  vim.wait(timeout, function()
    local hres = client.request_sync("textDocument/hover", vim.lsp.util.make_position_params(), timeout, bufnr)
    if hres and hres.result and hres.result.contents then
      text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hres.result.contents), "\n")
    end
    return text:find("%d+ ms |") ~= nil
  end, 500)
  say("  hover: " .. text:gsub("\n", " | "))
  check("hover shows the latest version", text:find("v1.2.0", 1, true) ~= nil)
  check("hover shows a latency table", text:find("|", 1, true) ~= nil and text:find("%d+ ms") ~= nil)

  -- :GoModLensMirrors on the fastjson line shows that require's mirror table in a floating window, :GoModLensEnv the
  -- settings with where each comes from (the user commands editors/neovim/gomodlens.lua defines in the buffer)
  local function floats()
    local found = {}
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= "" then table.insert(found, w) end
    end
    return found
  end
  local function float_text()
    local texts = {}
    for _, w in ipairs(floats()) do
      table.insert(texts, table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), "\n"))
    end
    return table.concat(texts, "\n")
  end
  local function close_floats() for _, w in ipairs(floats()) do vim.api.nvim_win_close(w, true) end end
  for _, cmd in ipairs({
    { "GoModLensMirrors", "example.com/fastjson@v1.0.0", "%d+ ms" },
    { "GoModLensEnv", "GOPROXY", "set in the process environment" },
    -- what a code lens runs (the cause of requires failing alike opens the mirror table): shown, not dropped
    { function() vim.lsp.commands["gomodlens.showMirrorReport"]({ command = "gomodlens.showMirrorReport",
        arguments = { "example.com/ghost", "v0.3.0" } }, { bufnr = bufnr, client_id = client.id }) end,
      "example.com/ghost@v0.3.0", "not found" },
  }) do
    close_floats()
    vim.api.nvim_win_set_cursor(0, { 6, 3 })
    if type(cmd[1]) == "function" then cmd[1]() else vim.cmd(cmd[1]) end
    local shown = ""
    vim.wait(timeout, function() shown = float_text(); return shown:find(cmd[2], 1, true) ~= nil end, 50)
    check((type(cmd[1]) == "function" and "the code lens command" or (":" .. cmd[1])) .. " shows its report in a floating window", shown:find(cmd[2], 1, true) ~= nil and shown:find(cmd[3]) ~= nil,
      shown ~= "" and shown or "no floating window")
    close_floats()
  end
  check("the require under the cursor is the mirror table's module", vim.deep_equal(gomodlens.module_on_line("\texample.com/a v1.2.3 // indirect"),
    { "example.com/a", "v1.2.3" }) and vim.deep_equal(gomodlens.module_on_line("require example.com/b v0.1.0"), { "example.com/b", "v0.1.0" })
    and vim.deep_equal(gomodlens.module_on_line("replace example.com/c v1.0.0 => ../c"), { "example.com/c", "v1.0.0" })
    and gomodlens.module_on_line("go 1.22") == nil and gomodlens.module_on_line("retract v1.0.0") == nil)

  -- source actions act on the whole file: listed only when asked for (only = { "source" }), not at the cursor
  local sres = client.request_sync("textDocument/codeAction", {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { "source" } },
  }, timeout, bufnr)
  local stitles = {}
  for _, a in ipairs((sres and sres.result) or {}) do table.insert(stitles, a.title) end
  say("  source actions: " .. table.concat(stitles, " | "))
  check("source actions: go mod tidy and the go get upgrade", find_action((sres and sres.result) or {}, "^Run go mod tidy$") ~= nil
    and find_action((sres and sres.result) or {}, "^Upgrade 1 direct requirement to latest") ~= nil, table.concat(stitles, " | "))

  -- code lenses: the same commands above the module line; M.setup's buffers show them through vim.lsp.codelens
  local lres = client.request_sync("textDocument/codeLens", { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, timeout, bufnr)
  local ltitles, lline = {}, -1
  for _, l in ipairs((lres and lres.result) or {}) do
    table.insert(ltitles, l.command and l.command.title or "?"); lline = l.range.start.line
  end
  say("  code lenses: " .. table.concat(ltitles, " | "))
  check("code lenses: go mod tidy and Check now on the module line", lline == 0
    and vim.tbl_contains(ltitles, "Run go mod tidy") and vim.tbl_contains(ltitles, "Check now"), table.concat(ltitles, " | "))

  -- quick fix: add replace for the 404 module
  local actions, err = code_actions(bufnr, client, 7)
  for _, a in ipairs(actions) do say("  action line 7: " .. (a.title or "?")) end
  local rep = find_action(actions, "replace")
  if check("a replace quick fix is offered", rep ~= nil, err and vim.inspect(err) or nil) then
    apply(client, bufnr, rep)
    local all = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
    check("the replace quick fix edits the buffer", all:find("\nreplace example%.com/ghost[^\n]*=> ") ~= nil, all)
  end

  -- quick fix: upgrade fastjson to the latest version
  actions = code_actions(bufnr, client, 6)
  for _, a in ipairs(actions) do say("  action line 6: " .. (a.title or "?")) end
  local up = find_action(actions, "v1%.2%.0")
  if check("an upgrade quick fix is offered", up ~= nil) then
    apply(client, bufnr, up)
    check("the upgrade edits only the version", line_text(bufnr, 6) == "\texample.com/fastjson v1.2.0", line_text(bufnr, 6))
  end

  -- after the edits the server still answers and reports no syntax error
  vim.wait(1500, function() return false end, 50)
  local syntax = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = code_of(d)
    if type(code) == "string" and code:match("^GML1") and not code:match("^GML15") then syntax = syntax + 1 end -- (GML15xx: go.sum)
  end
  check("edited file has no syntax diagnostics", syntax == 0)

  vim.lsp.stop_client(client_id)
  check("server stops on shutdown/exit", vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 20))

  -- The rest opens files with :edit, whose filetype detection and FileType autocmds do not run inside this FileType
  -- callback (autocmds do not nest): go on from the main loop, as a user typing :edit would.
  vim.schedule(function()
    local wok, e = pcall(workspace_checks, gomodlens, opts, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":p:h"))
    if not wok then check("lua harness (workspace checks)", false, tostring(e)) end
    finish()
  end)
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "gomod",
  callback = function(args)
    local ok, e = pcall(run, args.buf)
    if not ok then
      check("lua harness", false, tostring(e)); finish()
    end
  end,
})
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    if not started then check("buffer has filetype gomod", false, vim.bo.filetype); finish() end
  end,
})
