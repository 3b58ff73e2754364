-- GoModLens for Neovim ≥ 0.7 with the built-in LSP client (no plugins needed): go.mod, go.sum and go.work buffers
-- (filetypes gomod, gosum and gowork; Neovim 0.7 detects gomod and gowork but calls go.sum "hercules", so a buffer
-- is also taken by its file name).
-- Put this file on your runtimepath as lua/gomodlens.lua (or dofile() it), then in init.lua:
--   require("gomodlens").setup({ cmd = { "gomodlens", "serve" } })
-- Options: cmd (server command), init_options (see docs/client-contract.md), cmd_env (extra environment).
-- Commands in those buffers: :GoModLensMirrors (the mirror latency table for the require under the cursor),
-- :GoModLensEnv (the settings that decide module downloads, with where each comes from), :GoModLensCheckNow.
-- tests/e2e/nvim/lsp_e2e.lua starts the server through M.start, so this file is what the Neovim e2e test runs.
local M = {}

-- A go.mod / go.sum buffer belongs to the nearest module (the directory of the closest go.mod upwards), a go.work
-- (or go.work.sum) buffer to its own directory: the workspace root, which often has no go.mod of its own.
local function root_of(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local name = vim.fn.fnamemodify(file, ":t")
  if name == "go.work" or name == "go.work.sum" then return vim.fn.fnamemodify(file, ":p:h") end
  local found = vim.fn.findfile("go.mod", vim.fn.fnamemodify(file, ":p:h") .. ";")
  return vim.fn.fnamemodify(found ~= "" and found or file, ":p:h")
end

-- Clients started here, by root: get_active_clients() lists a client only once it has answered initialize, and two
-- buffers of one module opened together (nvim -o go.mod go.sum) must not start two servers.
local started = {}

--- The module version a go.mod line names (a require, a line of a require block, or a replace's left side), for the
--- mirror table; nil elsewhere (the server then takes the file's first public require).
local function module_on_line(line)
  local path, version = line:match("^%s*require%s+([^%s/][^%s]*)%s+(v[^%s]+)")
  if not path then path, version = line:match("^%s*replace%s+([^%s/][^%s]*)%s+(v[^%s=]+)") end
  if not path then path, version = line:match("^%s*([%w][^%s]*)%s+(v[%w%.%-%+]+)") end
  if path and path:find(".", 1, true) then return { (path:gsub('^"(.*)"$', "%1")), version } end
  return nil
end

--- The GoModLens client attached to the buffer, or nil.
local function client_of(bufnr)
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == "gomodlens" then return c end
  end
  return nil
end

--- Runs a GoModLens command (docs/client-contract.md) for the buffer and passes its result to on_result.
function M.execute(bufnr, command, arguments, on_result)
  local client = client_of(bufnr)
  if not client then
    vim.notify("GoModLens is not running for this buffer", vim.log.levels.WARN)
    return
  end
  client.request("workspace/executeCommand", { command = command, arguments = arguments }, function(err, result)
    if err then
      vim.notify("GoModLens: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif on_result then
      on_result(result)
    end
  end, bufnr)
end

--- A markdown report (the server's showMirrorReport and showEnvironment results) in a floating window.
local function show_markdown(markdown)
  if type(markdown) ~= "string" then return end
  vim.lsp.util.open_floating_preview(vim.split(markdown, "\n", { plain = true }), "markdown",
    { border = "rounded", focus_id = "gomodlens-report" })
end

-- The reports the server's code lenses open (the cause of requires failing alike opens the mirror table): without a
-- client-side handler Neovim would run them and drop the result.
for _, name in ipairs({ "gomodlens.showMirrorReport", "gomodlens.showEnvironment" }) do
  vim.lsp.commands[name] = vim.lsp.commands[name] or function(command, ctx)
    M.execute(ctx.bufnr, command.command, command.arguments or {}, show_markdown)
  end
end

local function define_commands(bufnr)
  vim.api.nvim_buf_create_user_command(bufnr, "GoModLensMirrors", function()
    M.execute(bufnr, "gomodlens.showMirrorReport", module_on_line(vim.api.nvim_get_current_line()) or {}, show_markdown)
  end, { desc = "GoModLens: mirror latency table for the require under the cursor" })
  vim.api.nvim_buf_create_user_command(bufnr, "GoModLensEnv", function()
    M.execute(bufnr, "gomodlens.showEnvironment", {}, show_markdown)
  end, { desc = "GoModLens: the settings that decide module downloads, and where each comes from" })
  vim.api.nvim_buf_create_user_command(bufnr, "GoModLensCheckNow", function()
    M.execute(bufnr, "gomodlens.checkNow", {}, nil)
  end, { desc = "GoModLens: forget what the network answered and check again" })
end

M.module_on_line = module_on_line

--- Starts (or reuses) a GoModLens client for the buffer's module (or go.work workspace) and attaches it.
--- Returns the client id.
function M.start(bufnr, opts)
  opts = opts or {}
  define_commands(bufnr)
  if opts.codelens ~= false and not vim.b[bufnr].gomodlens_codelens then
    -- The whole-module commands (go get upgrades, go mod tidy, Check now) above the module line; run one with
    -- :lua vim.lsp.codelens.run(). Refreshed when the buffer is entered or left insert mode, and after a pause.
    vim.b[bufnr].gomodlens_codelens = true
    vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "CursorHold" }, {
      buffer = bufnr,
      callback = function() pcall(vim.lsp.codelens.refresh) end,
    })
  end
  local root = root_of(bufnr)
  if started[root] and vim.lsp.get_client_by_id(started[root]) then
    vim.lsp.buf_attach_client(bufnr, started[root])
    return started[root]
  end
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == "gomodlens" and c.config.root_dir == root then
      vim.lsp.buf_attach_client(bufnr, c.id)
      return c.id
    end
  end
  local id = vim.lsp.start_client({
    name = "gomodlens",
    cmd = opts.cmd or { "gomodlens", "serve" },
    cmd_env = opts.cmd_env,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = opts.init_options or {},
    -- answer workspace/configuration for section "gomodlens" with the same settings
    settings = { gomodlens = opts.init_options or {} },
  })
  if id then
    started[root] = id
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local filetypes = { gomod = true, gosum = true, gowork = true }
local names = { ["go.mod"] = true, ["go.sum"] = true, ["go.work"] = true, ["go.work.sum"] = true }

-- Is the buffer a go.mod, go.sum or go.work (by filetype, or by file name whatever the filetype)?
local function wanted(bufnr)
  return filetypes[vim.bo[bufnr].filetype] or names[vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":t")] or false
end

--- Starts GoModLens for every go.mod / go.sum / go.work buffer. One FileType autocmd for every filetype rather than
--- a pattern list: it runs after detection, once per buffer, so a go.sum detected as hercules (Neovim 0.7) is
--- started exactly once, as is one detected as gosum (0.8+).
function M.setup(opts)
  vim.api.nvim_create_autocmd("FileType", {
    callback = function(args)
      if wanted(args.buf) then M.start(args.buf, opts) end
    end,
  })
end

return M
