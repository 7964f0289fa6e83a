import { cache } from '@cornerstonejs/core';
import macro from '@kitware/vtk.js/macros';
import vtkOpenGLTexture from '@kitware/vtk.js/Rendering/OpenGL/Texture';
import { writeHalfFloatTexels } from './halfFloatTexels';
function compactVolumeTexture(publicAPI, model) {
    model.classHierarchy.push('vtkCompactVolumeTexture');
    const vtkModified = publicAPI.modified;
    const vtkCreate3DFilterableFromRaw = publicAPI.create3DFilterableFromRaw;
    const vtkUpdateVolumeInfoForGL = publicAPI.updateVolumeInfoForGL;
    // vtk.js reads this for the internal format (R16F / R32F), the upload type (HALF_FLOAT / FLOAT) and the volume
    // info; the volume mapper's enableUseHalfFloat(false) is ignored on purpose (see above).
    publicAPI.useHalfFloat = () => model.texels.texels === 'half-float';
    publicAPI.updateVolumeInfoForGL = (dataType, numComps) => {
        const isScalingApplied = vtkUpdateVolumeInfoForGL(dataType, numComps);
        if (model.volumeInfo) {
            model.volumeInfo.dataComputedScale = [1];
            model.volumeInfo.dataComputedOffset = [0];
        }
        return isScalingApplied;
    };
    publicAPI.create3DFilterableFromRaw = (args) => {
        model.inputDataType = args.dataType;
        model.inputNumComps = args.numComps;
        return vtkCreate3DFilterableFromRaw(args);
    };
    publicAPI.setUpdatedFrame = (frameIndex) => {
        model.updatedFrames[frameIndex] = true;
        vtkModified();
    };
    // The mappers set sampling parameters on the shared texture as each view renders (its filters after the first view
    // created the texture); vtk.js's setters then call `modified`, which is not a change of the texels: the slices
    // already up stay up. (With every slice in before the texture is made, as from local files decoded as they are read,
    // the next view sent all of them up again: 600 uploads for 300 slices; 12 extra before, README "sixth round".)
    let inSetter = false;
    for (const setter of ['setMinificationFilter', 'setMagnificationFilter', 'setWrapS', 'setWrapT', 'setWrapR', 'setOglNorm16Ext', 'setOpenGLRenderWindow', 'enableUseHalfFloat']) {
        const original = publicAPI[setter];
        if (typeof original !== 'function')
            continue;
        publicAPI[setter] = (...args) => {
            inSetter = true;
            try {
                return original(...args);
            }
            finally {
                inSetter = false;
            }
        };
    }
    publicAPI.modified = () => {
        vtkModified();
        if (inSetter)
            return;
        const volume = model.volumeId === null ? undefined : cache.getVolume(model.volumeId);
        if (!volume)
            return;
        for (let i = 0; i < volume.imageIds.length; i++)
            model.updatedFrames[i] = true;
    };
    publicAPI.hasUpdatedFrames = () => model.updatedFrames.length === 0 || model.updatedFrames.some(Boolean);
    publicAPI.getUpdatedFrames = () => model.updatedFrames;
    publicAPI.setVolumeId = (volumeId) => {
        model.volumeId = volumeId;
    };
    publicAPI.getVolumeId = () => model.volumeId;
    publicAPI.getTexels = () => model.texels;
    publicAPI.useFloat32Texels = () => {
        if (model.texels.texels === 'float32')
            return;
        if (!model.context || !model._openGLRenderWindow || !model.target) {
            model.texels = { texels: 'float32', basis: 'asked' };
            return;
        }
        turnFloat32('asked', 'asked for 32-bit texels');
    };
    publicAPI.setTextureParameters = (parameters) => {
        // As cornerstone (vtk.js's model starts at 0, so in effect only the input type and components are kept here).
        model.width ??= parameters.width;
        model.height ??= parameters.height;
        model.depth ??= parameters.depth;
        model.inputNumComps ??= parameters.numberOfComponents;
        model.inputDataType ??= parameters.dataType;
    };
    publicAPI.getTextureParameters = () => ({
        width: model.width,
        height: model.height,
        depth: model.depth,
        numberOfComponents: model.inputNumComps,
        dataType: model.inputDataType,
    });
    /** The slice's values as the texture's upload type, in the reused scratch array; null if a half float cannot hold them. */
    function texelsOf(slice) {
        const count = model.width * model.height * model.components;
        if (slice.length < count)
            throw new Error(`a slice of ${slice.length} values cannot fill a ${model.width}×${model.height} texture slice`);
        const values = slice.length > count && 'subarray' in slice ? slice.subarray(0, count) : slice;
        if (model.texels.texels === 'half-float') {
            if (model.halfScratch?.length !== count)
                model.halfScratch = new Uint16Array(count);
            return writeHalfFloatTexels(values, model.halfScratch) ? model.halfScratch : null;
        }
        if (model.floatScratch?.length !== count)
            model.floatScratch = new Float32Array(count);
        if (values instanceof Float32Array)
            return values;
        model.floatScratch.set(values);
        return model.floatScratch;
    }
    /** Re-creates the texture as cornerstone's R32F; every slice in the cache goes up again at the next render. */
    function turnFloat32(basis, reason) {
        const { width, height, depth, components } = model;
        model.texels = { texels: 'float32', basis };
        model.halfScratch = null;
        publicAPI.releaseGraphicsResources(model._openGLRenderWindow);
        publicAPI.resetFormatAndType();
        publicAPI.create3DFromRaw({ width, height, depth, numComps: components, dataType: model.inputDataType ?? 'Int16Array', data: null });
        publicAPI.modified(); // marks every frame for upload
        model.onTexelsChanged?.(model.texels, reason);
    }
    /** Uploads the slices that arrived since the last render, one texSubImage3D each (cornerstone's order). */
    function uploadUpdatedFrames(imageIds) {
        const gl = model.context;
        if (!gl)
            return false;
        publicAPI.bind();
        for (let i = 0; i < model.updatedFrames.length; i++) {
            if (!model.updatedFrames[i])
                continue;
            const imageId = imageIds[i];
            const image = imageId === undefined ? undefined : cache.getImage(imageId);
            if (!image?.voxelManager)
                continue;
            const texels = texelsOf(image.voxelManager.getScalarData());
            if (texels === null) {
                publicAPI.deactivate();
                turnFloat32('value-out-of-range', `slice ${i + 1} of ${imageIds.length} holds a value a 16-bit float cannot hold exactly`);
                model._openGLRenderWindow?.activateTexture(publicAPI);
                return uploadUpdatedFrames(imageIds);
            }
            gl.texSubImage3D(model.target, 0, 0, 0, i, model.width, model.height, 1, model.format, model.openGLDataType, texels);
            model.updatedFrames[i] = null;
        }
        if (model.generateMipmap)
            gl.generateMipmap(model.target);
        publicAPI.deactivate();
        return true;
    }
    publicAPI.update3DFromRaw = () => {
        const volume = model.volumeId === null ? undefined : cache.getVolume(model.volumeId);
        if (!volume || !model._openGLRenderWindow)
            return false;
        if (volume.isDynamicVolume())
            throw new Error('the compact volume texture does not hold dynamic (4-D) volumes');
        model._openGLRenderWindow.activateTexture(publicAPI);
        publicAPI.createTexture();
        publicAPI.bind();
        return publicAPI.hasUpdatedFrames() && uploadUpdatedFrames(volume.imageIds);
    };
}
function extend(publicAPI, model, initialValues = {}) {
    Object.assign(model, {
        volumeId: null,
        updatedFrames: [],
        texels: initialValues.texels ?? { texels: 'float32', basis: 'not-16-bit-integers' },
        onTexelsChanged: initialValues.onTexelsChanged ?? null,
        halfScratch: null,
        floatScratch: null,
    });
    vtkOpenGLTexture.extend(publicAPI, model, {});
    compactVolumeTexture(publicAPI, model);
}
const newCompactVolumeTexture = macro.newInstance(extend, 'vtkCompactVolumeTexture');
/** A new compact texture for the volume `volumeId`, starting with `texels` (see `volumeTexels.ts`). */
export function createCompactVolumeTexture(volumeId, initialValues) {
    const texture = newCompactVolumeTexture(initialValues);
    texture.setVolumeId(volumeId);
    return texture;
}
