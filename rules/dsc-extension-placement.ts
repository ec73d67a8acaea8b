import { defineRule } from '../src/engine';
import { shortText } from '../src/expression';
import type { ComputeKind } from '../src/model';

const WHERE_EXTENSIONS_GO: Record<ComputeKind, string> = {
  virtualMachine: "a child resource of type 'extensions' (or 'Microsoft.Compute/virtualMachines/extensions' named 'vm/extension')",
  scaleSet: 'properties.virtualMachineProfile.extensionProfile.extensions',
};

export default defineRule({
  meta: {
    id: 'dsc-extension-placement',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Disallow DSC extension nodes where ARM does not take them, or shaped for another placement.' },
    messages: {
      scaleSetProfile: "'extensionProfile' is directly under the scale set's properties; it belongs under properties.virtualMachineProfile.",
      virtualMachineProfile: `Virtual machines have no 'extensionProfile'; declare the DSC extension as ${WHERE_EXTENSIONS_GO.virtualMachine}.`,
      profileItemKey: "'{{key}}' belongs to the resource form of an extension; scale set extensionProfile items take only 'name' and 'properties'.",
      wrongParent: "A DSC extension under '{{parentType}}'; it belongs to a virtual machine or a virtual machine scale set.",
      typeOfOtherParent:
        "A '{{type}}' resource is nested in a '{{parentType}}' resource, and a nested resource belongs to the resource it is nested in; use the type 'extensions' to extend this one, or move it to the top level to extend another.",
      childTypeWithoutParent:
        "A DSC extension of type 'extensions' outside any resource's 'resources'; nest it in a virtual machine or scale set, or use the full type with a 'parent/extension' name.",
      nameSegments: "The name of a '{{type}}' resource needs {{expected}} segments separated by '/', found {{found}}.",
      childNameSlash: "A child 'extensions' resource takes the extension name only, without '/'; the parent comes from where it is nested.",
      insideExtensionSettings: "A DSC extension inside another extension's settings is never deployed; declare it as an extension of the VM or scale set.",
      notExtensionPlace: "ARM does not read extensions from '{{key}}'; a DSC extension belongs in {{where}}.",
      besideProperties: "'{{key}}' is beside 'properties'; it belongs inside the extension's properties.",
      protectedInSettings: "'protectedSettings' is nested in 'settings', so its values are public and never decrypted; move it beside 'settings'.",
      publicSettingsKey: "'publicSettings' is not a DSC setting; its content belongs directly in 'settings'.",
    },
    schema: [],
  },
  create(context) {
    return {
      misplacedExtension({ node, reason }) {
        switch (reason.kind) {
          case 'extension-profile-under-properties':
            context.report({ node: reason.key, messageId: reason.computeKind === 'scaleSet' ? 'scaleSetProfile' : 'virtualMachineProfile' });
            break;
          case 'profile-item-resource-key':
            context.report({ node: reason.key, messageId: 'profileItemKey', data: { key: shortText(reason.key.value) } });
            break;
          case 'child-type-under-wrong-parent':
            if (reason.parentType === undefined) context.report({ node: reason.typeNode, messageId: 'childTypeWithoutParent' });
            else context.report({ node: reason.typeNode, messageId: 'wrongParent', data: { parentType: shortText(reason.parentType) } });
            break;
          case 'nested-type-of-other-parent':
            context.report({
              node: reason.typeNode,
              messageId: 'typeOfOtherParent',
              data: { type: shortText(reason.typeNode.value), parentType: shortText(reason.parentType) },
            });
            break;
          case 'name-segments':
            context.report({
              node: reason.nameNode,
              messageId: 'nameSegments',
              data: { type: shortText(reason.type), expected: reason.expected, found: reason.found },
            });
            break;
          case 'child-name-has-slash':
            context.report({ node: reason.nameNode, messageId: 'childNameSlash' });
            break;
          case 'nested-in-extension-settings':
            context.report({ node: reason.key ?? node, messageId: 'insideExtensionSettings' });
            break;
          case 'not-an-extension-place':
            context.report({
              node: reason.key ?? node,
              messageId: 'notExtensionPlace',
              data: { key: reason.key ? shortText(reason.key.value) : 'here', where: WHERE_EXTENSIONS_GO[reason.computeKind] },
            });
            break;
          case 'settings-beside-properties':
            context.report({ node: reason.key, messageId: 'besideProperties', data: { key: shortText(reason.key.value) } });
            break;
          case 'nested-in-settings':
            context.report({ node: reason.key, messageId: reason.key.value.toLowerCase() === 'protectedsettings' ? 'protectedInSettings' : 'publicSettingsKey' });
            break;
        }
      },
    };
  },
});
