-- Neovim 0.7 headless end-to-end test of `gomodlens serve` (no plugins, only the built-in LSP client).
-- Env: GML_SERVER (server command line, space separated), GML_PROXY (GOPROXY for the server), GML_HOME (scratch
-- HOME), GML_COUNTS (file to write "<passed> <failed>"), GML_TIMEOUT_MS.
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
local function diags_on(bufnr, lnum)
  local r = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.lnum == lnum - 1 then table.insert(r, d) end end
  return r
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

local started = false
local function run(bufnr)
  if started then return end
  started = true
  -- start the server exactly as the README's Neovim snippet does
  local gomodlens = dofile(os.getenv("GML_REPO") .. "/editors/neovim/gomodlens.lua")
  local home = os.getenv("GML_HOME")
  local client_id = gomodlens.start(bufnr, {
    cmd = vim.split(os.getenv("GML_SERVER"), " ", { trimempty = true }),
    cmd_env = {
      GOPROXY = os.getenv("GML_PROXY"), GOSUMDB = "off", GOFLAGS = "-mod=mod", GOTOOLCHAIN = "local",
      HOME = home, XDG_CONFIG_HOME = home .. "/config", XDG_CACHE_HOME = home .. "/cache",
      GOPATH = home .. "/gopath", GOMODCACHE = home .. "/gopath/pkg/mod", GOPRIVATE = "", GONOPROXY = "",
    },
    init_options = { timeouts = { totalMs = 4000, connectMs = 1000, firstByteMs = 2000 }, mirrors = { public = false } },
  })
  if not check("server starts", client_id ~= nil) then return finish() end
  local client
  local ok = vim.wait(timeout, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil
  end, 20)
  if not check("initialize", ok) then return finish() end

  -- go.mod lines: 6 fastjson v1.0.0 (upgrade available), 7 ghost v0.3.0 (404), 8 slowpoke (proxy hangs)
  ok = vim.wait(timeout, function() return #diags_on(bufnr, 7) > 0 and #diags_on(bufnr, 8) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    say(string.format("  diag %d:%d sev=%d %s", d.lnum + 1, d.col, d.severity, (d.message:gsub("\n", " | "))))
  end
  local ghost = diags_on(bufnr, 7)[1]
  check("diagnostic on the 404 require", ghost ~= nil and ghost.severity == vim.diagnostic.severity.ERROR
    and ghost.message:find("404", 1, true) ~= nil, ghost and ghost.message or "none")
  local slow = diags_on(bufnr, 8)[1]
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
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
    if type(code) == "string" and code:match("^GML1") then syntax = syntax + 1 end
  end
  check("edited file has no syntax diagnostics", syntax == 0)

  vim.lsp.stop_client(client_id)
  check("server stops on shutdown/exit", vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 20))
  finish()
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
