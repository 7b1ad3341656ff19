// The document's outline (its bookmarks), as a tree: an entry goes to its place in the document;
// entries with children fold. Only destinations inside the PoE are followed, never web links.
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import IconButton from '@mui/material/IconButton';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutlineNode } from './document-extras.js';
import type { PdfController } from './pdf-controller.js';

function Entry({ node, controller, depth }: { node: OutlineNode; controller: PdfController; depth: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const dest = node.dest;
  return (
    <Box component="li" sx={{ listStyle: 'none' }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', pl: depth * 1.5 }}>
        {node.items.length > 0 ? (
          <IconButton aria-label={t(open ? 'viewer.outlineCollapse' : 'viewer.outlineExpand', { title: node.title })} aria-expanded={open} onClick={() => setOpen(!open)} sx={{ p: 0.25 }}>
            {open ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
          </IconButton>
        ) : (
          <Box sx={{ width: 24, flexShrink: 0 }} />
        )}
        <ButtonBase
          onClick={() => dest && controller.goToDestination(dest)}
          disabled={!dest}
          sx={{ flex: 1, justifyContent: 'flex-start', textAlign: 'left', px: 0.5, py: 0.25, borderRadius: 0.5, fontSize: 13, fontWeight: node.bold ? 700 : 400, fontStyle: node.italic ? 'italic' : 'normal', '&:hover': { bgcolor: 'action.hover' } }}
        >
          {node.title}
        </ButtonBase>
      </Box>
      {open && node.items.length > 0 && <OutlineList nodes={node.items} controller={controller} depth={depth + 1} />}
    </Box>
  );
}

function OutlineList({ nodes, controller, depth }: { nodes: OutlineNode[]; controller: PdfController; depth: number }) {
  return (
    <Box component="ul" sx={{ m: 0, p: 0 }}>
      {nodes.map((node, i) => (
        <Entry key={`${i}-${node.title}`} node={node} controller={controller} depth={depth} />
      ))}
    </Box>
  );
}

export function Outline({ outline, controller }: { outline: OutlineNode[]; controller: PdfController }) {
  const { t } = useTranslation();
  return (
    <Box component="nav" aria-label={t('viewer.outline')} sx={{ p: 1 }}>
      <OutlineList nodes={outline} controller={controller} depth={0} />
    </Box>
  );
}
