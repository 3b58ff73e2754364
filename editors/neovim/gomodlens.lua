-- GoModLens for Neovim ≥ 0.7 with the built-in LSP client (no plugins needed): go.mod, go.sum and go.work buffers
-- (filetypes gomod, gosum and gowork; Neovim 0.7 detects gomod and gowork but calls go.sum "hercules", so a buffer
-- is also taken by its file name).
-- Put this file on your runtimepath as lua/gomodlens.lua (or dofile() it), then in init.lua:
--   require("gomodlens").setup({ cmd = { "gomodlens", "serve" } })
-- Options: cmd (server command), init_options (see docs/client-contract.md), cmd_env (extra environment).
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

--- Starts (or reuses) a GoModLens client for the buffer's module (or go.work workspace) and attaches it.
--- Returns the client id.
function M.start(bufnr, opts)
  opts = opts or {}
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
